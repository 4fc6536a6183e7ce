import type { DepartmentKind, ListKind } from "@duty/domain";

/*
 * Words the generator builds duty lists from. Everything here that ends up inside a duty cell
 * (上级部门职责, 乡镇配合职责, 工作方式) is "free text" for the parser's department finder, which
 * reports any 县/区/市/旗 followed within twelve characters by 局, 部 or 委员会 that names no
 * department of the document. So free text never contains 局 or 委员会, and 部 only in 部门 and
 * 干部 (the finder's own exceptions); departments enter cells only through the {d}/{l} slots.
 * Nor does it contain digits, which the step splitter would read as numbering. lexicon.test.ts
 * holds every table to these rules.
 */

export type Topic =
  | "party"
  | "economy"
  | "livelihood"
  | "law"
  | "rural"
  | "civility"
  | "society"
  | "ethnic"
  | "welfare"
  | "land"
  | "ecology"
  | "construction"
  | "transport"
  | "culture"
  | "health"
  | "emergency"
  | "market"
  | "investment"
  | "affairs"
  | "education";

export interface TopicSpec {
  topic: Topic;
  /** The seed's category name (兰州湾镇, 2025). */
  label: string;
  /** The predecessor scheme's category (襄城 2021 乡镇职责任务清单), used by some counties still. */
  legacy: string;
  /** Relative share of each list's items, after the seed's category counts. */
  weight: Record<ListKind, number>;
  /** Areas of work: the object of basic names, coordinated names and the steps of both. */
  works: readonly string[];
  /** Offences a reclaimed penalty item punishes: 对…的处罚. */
  offences: readonly string[];
  /** Reclaimed non-penalty items as the seed words them: approvals, inspections, data collection. */
  reclaims: readonly string[];
}

/** In the seed's category order, which every list of a document follows. */
export const TOPICS: readonly TopicSpec[] = [
  {
    topic: "party",
    label: "党的建设",
    legacy: "基层党建",
    weight: { basic: 22, coordinated: 11, reclaimed: 0 },
    works: [
      "基层党组织建设", "党员发展和教育管理", "“三会一课”制度落实", "主题党日活动", "党风廉政建设", "意识形态工作责任制落实",
      "干部教育培训", "村级后备力量培养", "驻村第一书记日常管理", "人才引进和服务保障", "统一战线", "工会基层组织建设",
      "共青团和少先队", "妇联基层组织建设", "关心下一代", "“双拥”", "人大代表联络服务", "政协委员联络站建设",
      "巡察反馈问题整改", "党务公开", "老干部服务管理", "基层理论宣讲", "党建引领基层治理", "流动党员管理",
      "软弱涣散党组织整顿", "党代表联络服务", "机构编制日常管理", "干部人事档案管理", "村务监督", "村“两委”换届选举",
      "党内统计", "党内表彰激励",
    ],
    offences: [],
    reclaims: [],
  },
  {
    topic: "economy",
    label: "经济发展",
    legacy: "经济发展(农业农村)",
    weight: { basic: 7, coordinated: 3, reclaimed: 2 },
    works: [
      "国民经济和社会发展规划实施", "产业发展规划编制", "经济普查和农业普查", "统计调查和数据上报", "统计数据质量核查", "优化营商环境",
      "中小微企业服务", "重点项目建设协调", "农业资金监督管理", "财政预算执行", "政府债务风险防控", "粮油应急供应网点保障",
      "价格监测", "工业企业运行监测", "民营经济发展", "个体工商户帮扶", "科技特派员服务", "电子商务进农村",
      "集体经济项目管理", "协税护税", "固定资产投资统计", "住户调查",
    ],
    offences: ["拒绝提供统计资料", "提供不真实或者不完整的统计资料", "迟报统计资料", "伪造、篡改统计资料"],
    reclaims: ["统计执法检查", "统计调查数据采集", "价格认定", "固定资产投资项目核准", "国家统计专项调查数据审核"],
  },
  {
    topic: "livelihood",
    label: "民生服务",
    legacy: "公共服务",
    weight: { basic: 6, coordinated: 4, reclaimed: 5 },
    works: [
      "最低生活保障审核", "特困人员救助供养", "临时救助", "流浪乞讨人员救助", "困难群众住房安全保障", "殡葬改革和殡葬救助",
      "居家养老服务", "留守儿童关爱保护", "残疾人两项补贴发放", "高龄津贴发放", "便民服务中心运行", "政务服务事项代办",
      "城乡居民用水保障", "孤儿和事实无人抚养儿童保障", "老年人优待服务", "慈善捐赠管理", "社会救助政策宣传", "低收入人口动态监测",
    ],
    offences: [
      "以虚报、冒领等手段骗取社会救助资金", "擅自兴建殡葬设施", "在公墓和农村公益性墓地以外的区域建造坟墓", "将应当火化的遗体土葬",
      "违反规定开展公开募捐", "养老机构未按规定开展服务", "违规领取高龄津贴拒不退还",
    ],
    reclaims: [
      "出具婚姻状况证明（婚姻关系证明、分居证明）", "收养登记", "对违规领取高龄津贴的追缴", "殡葬服务机构监督检查", "养老机构安全检查",
      "特困人员认定审批", "临时救助审批", "最低生活保障审批", "社会组织登记", "慈善组织年度检查",
    ],
  },
  {
    topic: "law",
    label: "平安法治",
    legacy: "综合治理(综合执法)",
    weight: { basic: 8, coordinated: 5, reclaimed: 4 },
    works: [
      "矛盾纠纷排查化解", "信访接待和积案化解", "综治中心规范化建设", "网格化服务管理", "扫黑除恶常态化", "禁毒宣传和吸毒人员管控",
      "社区矫正", "刑满释放人员安置帮教", "法治宣传教育", "人民调解", "公共法律服务", "反电信网络诈骗宣传",
      "严重精神障碍患者服务管理", "治安防控", "重点人员排查管控", "反邪教宣传", "校园周边治安整治", "平安创建",
      "法律顾问服务", "行政复议和应诉",
    ],
    offences: [
      "非法种植毒品原植物", "扰乱单位秩序", "违反规定出租房屋未登记承租人信息", "非法携带管制器具", "违反规定饲养危险犬只",
      "制造噪声干扰他人正常生活", "利用邪教组织扰乱社会秩序", "偷开他人机动车",
    ],
    reclaims: ["法律援助审查", "社区矫正对象调查评估", "人民调解员培训考核", "行政执法案卷评查", "治安隐患排查情况统计", "暂住登记"],
  },
  {
    topic: "rural",
    label: "乡村振兴",
    legacy: "经济发展(农业农村)",
    weight: { basic: 12, coordinated: 13, reclaimed: 8 },
    works: [
      "高标准农田建设", "防止返贫动态监测", "农村人居环境整治", "农村改厕", "农业技术推广", "动物防疫",
      "农作物病虫害防治", "农药化肥减量增效", "农村饮水安全", "农田水利设施管护", "农村集体产权制度改革", "农村宅基地管理",
      "农民专业合作社培育", "家庭农场指导服务", "农业保险", "村庄规划编制", "和美乡村建设", "农产品质量安全监管",
      "农村土地承包经营", "耕地地力保护补贴发放", "种植结构调整", "农机购置补贴", "衔接资金项目管理", "脱贫人口小额信贷",
      "农业水价综合改革", "秸秆综合利用", "粮食生产", "设施农业发展",
    ],
    offences: [
      "经营假劣农药", "未取得种子生产经营许可证生产经营种子", "违反规定使用禁用农药", "未按规定对饲养动物实施强制免疫",
      "屠宰、经营病死动物", "销售不合格农产品", "违规收购、贩运生鲜乳", "在禁渔期进行捕捞", "未按规定处理病死畜禽",
      "使用不符合标准的饲料添加剂", "拖拉机、联合收割机未按规定登记", "兽药经营者经营假劣兽药",
    ],
    reclaims: [
      "农产品质量安全事故处理", "动物及动物产品检疫", "动物疫情信息采集", "屠宰检疫",
      "组织收集、处理并溯源在江河、湖泊、水库等水域发现的死亡畜禽", "农业机械安全监督检查", "农药经营许可审查", "种子市场监督检查",
      "兽药经营监督检查", "农作物种植面积统计", "渔业船舶登记", "农村土地承包合同鉴证",
    ],
  },
  {
    topic: "civility",
    label: "精神文明建设",
    legacy: "村(社区)建设",
    weight: { basic: 4, coordinated: 1, reclaimed: 0 },
    works: [
      "新时代文明实践站建设", "移风易俗", "文明村镇创建", "道德模范评选推荐", "志愿服务", "家风家教",
      "好人好事宣传", "未成年人思想道德建设", "网络文明建设", "全民阅读", "爱国主义教育", "社会主义核心价值观宣传",
      "星级文明户评选", "红白理事会建设", "乡贤文化培育", "诚信建设",
    ],
    offences: [],
    reclaims: [],
  },
  {
    topic: "society",
    label: "社会管理",
    legacy: "村(社区)建设",
    weight: { basic: 3, coordinated: 2, reclaimed: 0 },
    works: [
      "流动人口服务管理", "出租房屋管理", "村规民约修订", "村务公开", "村级组织工作事项准入", "证明事项清理",
      "人口信息采集", "门牌编制管理", "社会组织培育", "社会工作者队伍建设", "物业服务管理", "地名管理",
      "行政区划界线维护", "户籍业务代办", "自治组织规范化建设", "网格员队伍管理",
    ],
    offences: [],
    reclaims: [],
  },
  {
    topic: "ethnic",
    label: "民族宗教",
    legacy: "村(社区)建设",
    weight: { basic: 2, coordinated: 1, reclaimed: 0 },
    works: [
      "民族团结进步创建", "宗教活动场所管理", "宗教政策宣传", "少数民族群众帮扶", "民族政策落实", "铸牢中华民族共同体意识宣传教育",
      "宗教教职人员服务管理", "民族特色村寨保护", "宗教事务信息报送", "国家通用语言文字推广",
    ],
    offences: [],
    reclaims: [],
  },
  {
    topic: "welfare",
    label: "社会保障",
    legacy: "公共服务",
    weight: { basic: 8, coordinated: 8, reclaimed: 8 },
    works: [
      "城乡居民养老保险参保", "城乡居民医疗保险参保", "就业创业服务", "农民工工资支付保障", "劳动保障监察协管", "公益性岗位开发管理",
      "技能培训组织", "退役军人服务保障", "优抚对象抚恤补助发放", "残疾人就业帮扶", "医疗救助", "灵活就业人员社保补贴",
      "失业登记", "创业担保贷款", "困难职工帮扶", "应急救护培训", "无偿献血宣传动员", "人体器官捐献宣传",
      "被征地农民社会保障", "工伤认定协助",
    ],
    offences: [
      "用人单位拖欠农民工工资", "骗取社会保险待遇", "用人单位未依法办理社会保险登记", "违反规定招用未满十六周岁的未成年人",
      "以欺诈手段骗取医疗保障基金", "用人单位未按规定支付劳动者加班费", "职业中介机构提供虚假就业信息", "违规领取失业保险金",
    ],
    reclaims: [
      "工伤认定调查", "灵活就业人员社保补贴审核确认", "保障农民工工资支付", "对完成城镇新增就业人数任务的考核",
      "对城乡居民基本医疗保险参保扩面指标的考核", "医疗救助待遇审批", "就业帮扶培训", "创业实体信息及就业务工信息统计",
      "对在社会主义建设中做出显著成绩的残疾人工作者的奖励", "劳动合同履行情况检查", "社会保险基金稽核", "退役军人优待证审核",
    ],
  },
  {
    topic: "land",
    label: "自然资源",
    legacy: "城乡建设(城镇管理)",
    weight: { basic: 6, coordinated: 10, reclaimed: 10 },
    works: [
      "耕地保护", "永久基本农田保护", "违法用地巡查", "土地利用规划实施", "农村乱占耕地建房整治", "地质灾害防治",
      "矿产资源巡查", "林长制落实", "森林资源管护", "公益林管护", "草原禁牧和草畜平衡", "古树名木保护",
      "野生动植物保护", "河湖长制落实", "水资源管理", "地下水超采治理", "林地征占用管理", "国土空间规划实施",
      "不动产登记代办", "土地确权登记", "退耕还林成果巩固", "湿地保护",
    ],
    offences: [
      "破坏或者擅自改变基本农田保护区标志", "未经批准非法占用土地", "在临时使用的土地上修建永久性建筑物", "非法转让土地使用权",
      "拒不履行土地复垦义务", "未取得采矿许可证擅自采矿", "在崩塌、滑坡危险区或者泥石流易发区从事取土、挖沙、采石等可能造成水土流失的活动",
      "未经批准擅自取水、未按取水许可条件取水", "滥伐林木", "擅自改变林地用途", "在草原上开垦、采挖", "违反草畜平衡规定超载放牧",
      "非法猎捕、杀害野生动物",
    ],
    reclaims: [
      "公益林管护", "乡（镇）村公共设施、公益事业使用集体建设用地审核（仅乡<镇>村公共设施、公益事业建设用地<不涉及农用地>的审核）",
      "林木采伐许可审批", "临时用地审批", "地质灾害危险性评估", "取水许可审批", "草原征占用审核", "野生动物人工繁育许可",
      "土地变更调查", "森林资源年度监测",
    ],
  },
  {
    topic: "ecology",
    label: "生态环保",
    legacy: "综合治理(综合执法)",
    weight: { basic: 4, coordinated: 8, reclaimed: 8 },
    works: [
      "大气污染防治", "秸秆禁烧", "散煤治理", "水污染防治", "土壤污染防治", "农业面源污染治理",
      "入河排污口巡查", "饮用水水源地保护", "生活垃圾分类", "农村生活污水治理", "生态环境问题排查", "环保督察问题整改",
      "河道清理保洁", "噪声污染防治", "扬尘污染管控", "畜禽粪污资源化利用", "农膜回收", "农药包装废弃物回收",
    ],
    offences: [
      "在河道、湖泊管理范围内弃置、堆放阻碍行洪的物体和种植阻碍行洪的林木及高秆作物", "露天焚烧秸秆、落叶等产生烟尘污染的物质",
      "向水体排放油类、酸液、碱液", "在人口集中地区存放煤炭未采取防燃、防尘措施", "侵占、破坏水源和抗旱设施",
      "畜禽养殖场未建设污染防治配套设施", "违反规定倾倒、堆放生活垃圾", "在饮用水水源保护区内设置排污口", "施工工地未采取扬尘防治措施",
    ],
    reclaims: [
      "建设项目环境影响评价审批", "排污许可证核发", "生态环境质量监测", "入河排污口设置审核", "河道采砂许可", "重点排污单位监督检查",
      "环境信访案件调查处理",
    ],
  },
  {
    topic: "construction",
    label: "城乡建设",
    legacy: "城乡建设(城镇管理)",
    weight: { basic: 5, coordinated: 6, reclaimed: 10 },
    works: [
      "农村危房改造", "农房建设质量安全", "城乡建设规划实施", "违法建设巡查", "老旧小区改造", "市政设施维护",
      "集镇环境卫生整治", "城乡供水设施管护", "燃气安全管理", "物业服务监管", "建筑施工安全", "自建房安全隐患排查",
      "集镇规划建设", "户外广告设施管理", "园林绿化养护", "农村住房抗震改造", "传统村落保护", "保障性住房管理",
    ],
    offences: [
      "未取得建设工程规划许可证或者未按照建设工程规划许可证的规定进行建设", "擅自占用城市道路", "擅自在街道两侧和公共场地堆放物料",
      "擅自设置户外广告设施", "随意倾倒、抛撒或者堆放建筑垃圾", "擅自砍伐城市树木", "损坏城市绿化设施", "未取得施工许可证擅自施工",
      "在乡村规划区内未依法取得乡村建设规划许可证进行建设", "擅自拆除、迁移市政设施", "无证从事燃气经营",
    ],
    reclaims: [
      "建筑工程施工许可", "房屋建筑工程竣工验收备案", "燃气经营许可审查", "城镇排水许可", "商品房预售许可", "建筑市场监督检查",
      "城市道路占用挖掘审批", "户外广告设置审批",
    ],
  },
  {
    topic: "transport",
    label: "交通运输",
    legacy: "城乡建设(城镇管理)",
    weight: { basic: 2, coordinated: 2, reclaimed: 6 },
    works: [
      "农村公路建设和养护", "路长制落实", "农村客运服务", "道路交通安全劝导", "公路路域环境整治", "超限超载治理",
      "交通设施维护", "渡口渡船安全", "农村物流网点建设", "桥梁安全巡查", "道路运输安全监管", "校车安全管理",
    ],
    offences: [
      "铁轮车、履带车和其他可能损害路面的机具擅自在公路上行驶", "造成公路路面损坏、污染或者影响公路畅通",
      "在公路用地范围内设置公路标志以外的其他标志", "擅自在公路上设置障碍", "未取得道路运输经营许可擅自从事道路运输经营",
      "车辆超限运输", "在公路建筑控制区内修建建筑物", "擅自占用、挖掘公路",
    ],
    reclaims: ["道路运输经营许可", "公路超限运输许可", "公路路政巡查", "农村公路建设项目质量监督", "出租汽车经营资格审查", "涉路施工许可"],
  },
  {
    topic: "culture",
    label: "文化和旅游",
    legacy: "公共服务",
    weight: { basic: 4, coordinated: 5, reclaimed: 4 },
    works: [
      "综合文化站建设", "农家书屋管理", "群众文化活动组织", "非物质文化遗产保护", "文物安全巡查", "乡村旅游发展",
      "旅游市场秩序维护", "广播电视户户通维护", "公共体育设施管理", "全民健身活动组织", "文化市场巡查", "红色文化资源保护",
      "民俗文化节庆活动", "景区安全管理", "应急广播维护",
    ],
    offences: [
      "擅自从事互联网上网服务经营活动", "违规设立娱乐场所", "擅自设置卫星电视广播地面接收设施", "未经批准擅自修缮不可移动文物",
      "旅行社未经许可经营业务", "在文物保护单位保护范围内进行爆破、钻探", "演出场所违规组织营业性演出",
    ],
    reclaims: ["营业性演出审批", "娱乐场所经营许可", "文物保护单位建设工程审核", "互联网上网服务营业场所审批", "旅游市场综合执法检查"],
  },
  {
    topic: "health",
    label: "卫生健康",
    legacy: "公共服务",
    weight: { basic: 3, coordinated: 5, reclaimed: 7 },
    works: [
      "基本公共卫生服务", "家庭医生签约服务", "传染病防控", "爱国卫生运动", "病媒生物防制", "计划生育特殊家庭扶助",
      "计划生育奖励扶助资金发放", "妇幼健康服务", "老年人健康管理", "村卫生室建设管理", "健康教育", "食品安全宣传",
      "医疗卫生应急处置", "严重精神障碍患者随访", "学校卫生监督协管", "公共场所卫生协管", "职业健康宣传",
    ],
    offences: [
      "未依法取得公共场所卫生许可证擅自营业，涂改、转让、倒卖有效卫生许可证", "非法行医", "未取得医疗机构执业许可证擅自执业",
      "饮用水供水单位供应不符合卫生标准的饮用水", "医疗机构违规处置医疗废物", "非法采集血液", "公共场所经营者未按规定开展卫生检测",
    ],
    reclaims: [
      "追回超领、冒领计划生育各类扶助资金、补助资金", "医疗机构执业登记", "公共场所卫生许可", "饮用水供水单位卫生监督检查",
      "传染病疫情调查处置", "职业病危害因素监测",
    ],
  },
  {
    topic: "emergency",
    label: "应急管理及消防",
    legacy: "综合治理(综合执法)",
    weight: { basic: 4, coordinated: 10, reclaimed: 8 },
    works: [
      "安全生产隐患排查", "防汛抗旱", "森林草原防灭火", "自然灾害救助", "应急预案编制和演练", "微型消防站建设",
      "消防安全检查", "火灾隐患整治", "危险化学品安全管理", "地震灾害防御", "应急物资储备", "灾情信息报送",
      "人员密集场所消防安全", "电动自行车消防安全", "烟花爆竹安全管理", "防灾减灾宣传", "避险转移安置", "气象灾害预警信息传播",
    ],
    offences: [
      "生产经营单位未按规定开展安全生产教育培训", "生产经营单位未建立事故隐患排查治理制度", "未经许可经营危险化学品",
      "违反规定燃放烟花爆竹", "占用、堵塞、封闭疏散通道、安全出口", "埋压、圈占、遮挡消火栓", "损坏、挪用或者擅自拆除消防设施",
      "在森林防火期内未经批准擅自野外用火", "非法经营烟花爆竹", "人员密集场所门窗设置影响逃生和灭火救援的障碍物",
    ],
    reclaims: [
      "建立微型消防站", "对在改善安全生产条件、防止生产安全事故、参加抢险救护等方面取得显著成绩的单位和个人的奖励",
      "危险化学品经营许可", "烟花爆竹经营许可", "生产安全事故调查处理", "消防安全重点单位监督检查", "安全生产行政执法检查",
    ],
  },
  {
    topic: "market",
    label: "市场监管",
    legacy: "综合治理(综合执法)",
    weight: { basic: 2, coordinated: 5, reclaimed: 10 },
    works: [
      "食品安全协管", "小餐饮和食品摊贩管理", "农村集体聚餐备案指导", "特种设备安全巡查", "药品安全宣传", "经营主体登记代办",
      "价格投诉受理", "计量器具检查协助", "产品质量抽检协助", "农贸市场规范化管理", "消费者权益保护", "无证无照经营排查",
      "农资市场监管", "网络交易监管协助", "知识产权保护宣传",
    ],
    offences: [
      "从事无照经营", "食品小作坊、小餐饮店、小食杂店和食品摊贩违法生产经营", "销售过期变质食品", "使用未经检验的特种设备",
      "使用不合格计量器具", "销售假冒伪劣商品", "价格欺诈", "未按规定明码标价", "销售不符合安全标准的食用农产品",
      "经营者侵害消费者权益", "药品零售企业违规销售处方药", "发布虚假广告",
    ],
    reclaims: ["食品经营许可", "特种设备使用登记", "计量器具强制检定", "食品安全抽样检验", "个体工商户登记", "食品小作坊登记"],
  },
  {
    topic: "investment",
    label: "投资促进",
    legacy: "经济发展(农业农村)",
    weight: { basic: 1, coordinated: 0, reclaimed: 0 },
    works: [
      "招商引资", "项目落地服务", "营商环境宣传推介", "投资项目信息收集", "客商接待服务", "产业园区服务保障",
      "招商引资项目代办", "闲置厂房盘活", "外来投资企业权益保护", "重点企业包联服务",
    ],
    offences: [],
    reclaims: [],
  },
  {
    topic: "affairs",
    label: "综合政务",
    legacy: "综合保障",
    weight: { basic: 5, coordinated: 2, reclaimed: 0 },
    works: [
      "政府信息公开", "机关日常运转保障", "财务管理和审计监督", "档案管理", "保密工作", "政务值班值守",
      "督查督办", "文稿起草", "机关事务管理", "国有资产管理", "便民热线诉求办理", "会议组织和后勤保障",
      "代表建议和提案办理", "机要管理", "电子政务建设", "统计报表报送", "绩效考核",
    ],
    offences: [],
    reclaims: [],
  },
  {
    topic: "education",
    label: "教育培训监管",
    legacy: "公共服务",
    weight: { basic: 0, coordinated: 1, reclaimed: 3 },
    works: [
      "校外培训机构排查", "控辍保学", "学前教育资源配置", "学校周边安全管理", "校外培训机构安全检查", "学生资助政策宣传",
      "家庭教育指导", "义务教育入学登记", "留守儿童教育关爱", "职业技能培训机构管理",
    ],
    offences: [
      "适龄儿童、少年的父母或者其他法定监护人无正当理由未依照规定送适龄儿童、少年入学接受义务教育", "校外培训机构违规开展学科类培训",
      "擅自举办民办学校", "学校违规收费", "非法举办幼儿园",
    ],
    reclaims: ["适龄儿童、少年因身体状况需要延缓入学或者休学审批", "民办学校设立审批", "教师资格认定", "校外培训机构审批", "学籍变动审核"],
  },
];

/** The predecessor scheme's categories in its own order (襄城 2021). */
export const LEGACY_ORDER: readonly string[] = ["基层党建", "城乡建设(城镇管理)", "经济发展(农业农村)", "村(社区)建设", "综合治理(综合执法)", "公共服务", "综合保障"];

/** One spelling a county may use for a department: what follows the county name, and its folded short name. */
export type Spelling = readonly [body: string, weight: number, shortName: string];

export interface DepartmentSpec {
  key: string;
  spellings: readonly Spelling[];
  kind: DepartmentKind;
  /**
   * How likely it leads a coordinated row of one of its topics, against the others serving the
   * topic. Set so that the shares come out like the seed's counts (农业农村局 13, 住房和城乡建设局 10,
   * 公安局 9 … 总工会 1); generate.test.ts checks the outcome.
   */
  lead: number;
  /** How often it takes back a reclaimed item (the seed: 人社局 6, 农业农村局 6, 水利局 5 …). */
  receive: number;
  topics: readonly Topic[];
  /** A prefecture bureau's county branch: 昌吉州生态环境局玛纳斯县分局. */
  prefectureBranch?: true;
}

const one = (body: string, short = body): readonly Spelling[] => [[body, 1, short]];

/** The seed's 38 kinds of county unit plus a few common elsewhere (妇联, 团委, 退役军人事务局 …). */
export const DEPARTMENTS: readonly DepartmentSpec[] = [
  { key: "organisation", spellings: one("委组织部", "组织部"), kind: "party", lead: 12, receive: 0, topics: ["party", "affairs"] },
  { key: "propaganda", spellings: one("委宣传部", "宣传部"), kind: "party", lead: 3, receive: 0, topics: ["party", "civility", "culture"] },
  { key: "united-front", spellings: one("委统战部", "统战部"), kind: "party", lead: 1, receive: 0, topics: ["party", "ethnic"] },
  { key: "political-legal", spellings: one("委政法委", "政法委"), kind: "party", lead: 1.5, receive: 0, topics: ["law"] },
  { key: "staffing", spellings: one("委编办", "编办"), kind: "party", lead: 2, receive: 0, topics: ["party", "affairs"] },
  { key: "social-work", spellings: one("委社会工作部", "社会工作部"), kind: "party", lead: 1.5, receive: 0, topics: ["party", "society"] },
  { key: "party-history", spellings: one("委党史和文献研究室", "党史和文献研究室"), kind: "party", lead: 0.6, receive: 0, topics: ["party"] },
  { key: "general-office", spellings: one("人民政府办公室"), kind: "government", lead: 1, receive: 0, topics: ["affairs", "investment"] },
  {
    key: "development",
    spellings: [["发展和改革委员会", 7, "发展和改革委员会"], ["发展改革委", 3, "发展和改革委员会"]],
    kind: "government", lead: 4, receive: 0.5, topics: ["economy", "livelihood", "investment"],
  },
  { key: "education", spellings: one("教育局"), kind: "government", lead: 4, receive: 2, topics: ["education"] },
  { key: "science", spellings: one("科学技术局"), kind: "government", lead: 1, receive: 0, topics: ["economy"] },
  {
    key: "commerce",
    spellings: [["商务和工业信息化局", 6, "商务和工业信息化局"], ["工业和信息化局", 4, "工业和信息化局"]],
    kind: "government", lead: 1, receive: 0, topics: ["economy", "investment", "market"],
  },
  { key: "public-security", spellings: one("公安局"), kind: "government", lead: 9, receive: 0.5, topics: ["law", "society", "transport"] },
  { key: "civil-affairs", spellings: one("民政局"), kind: "government", lead: 6, receive: 3, topics: ["livelihood", "society", "welfare"] },
  { key: "justice", spellings: one("司法局"), kind: "government", lead: 2, receive: 0.5, topics: ["law"] },
  { key: "finance", spellings: one("财政局"), kind: "government", lead: 2, receive: 0, topics: ["economy", "rural", "affairs"] },
  {
    key: "human-resources",
    spellings: [["人力资源和社会保障局", 7, "人力资源和社会保障局"], ["人力资源社会保障局", 3, "人力资源和社会保障局"]],
    kind: "government", lead: 5, receive: 6, topics: ["welfare"],
  },
  { key: "natural-resources", spellings: one("自然资源局"), kind: "government", lead: 8, receive: 4, topics: ["land", "construction"] },
  {
    key: "housing",
    spellings: [["住房和城乡建设局", 8, "住房和城乡建设局"], ["住房城乡建设局", 2, "住房和城乡建设局"]],
    kind: "government", lead: 10, receive: 3, topics: ["construction", "emergency", "livelihood"],
  },
  { key: "transport", spellings: one("交通运输局"), kind: "government", lead: 2, receive: 2, topics: ["transport"] },
  { key: "water", spellings: one("水利局"), kind: "government", lead: 8, receive: 5, topics: ["rural", "land", "emergency"] },
  { key: "agriculture", spellings: one("农业农村局"), kind: "government", lead: 13, receive: 6, topics: ["rural", "economy", "ecology"] },
  { key: "forestry", spellings: one("林业和草原局"), kind: "government", lead: 7, receive: 1, topics: ["land", "emergency"] },
  {
    key: "culture-tourism",
    spellings: [
      ["文化体育广播电视台和旅游局", 3, "文化体育广播电视台和旅游局"],
      ["文化体育广播电视和旅游局", 3, "文化体育广播电视和旅游局"],
      ["文化和旅游局", 4, "文化和旅游局"],
    ],
    kind: "government", lead: 6, receive: 1, topics: ["culture", "civility"],
  },
  {
    key: "health",
    spellings: [["卫生健康委员会", 8, "卫生健康委员会"], ["卫生健康委", 2, "卫生健康委员会"]],
    kind: "government", lead: 8, receive: 2, topics: ["health", "livelihood"],
  },
  { key: "emergency", spellings: one("应急管理局"), kind: "government", lead: 6, receive: 1.5, topics: ["emergency"] },
  {
    key: "market",
    spellings: [["市场监督管理局", 7, "市场监督管理局"], ["市场监管局", 3, "市场监督管理局"]],
    kind: "government", lead: 9, receive: 2, topics: ["market"],
  },
  { key: "medical-insurance", spellings: one("医疗保障局"), kind: "government", lead: 1, receive: 2, topics: ["welfare", "health"] },
  { key: "statistics", spellings: one("统计局"), kind: "government", lead: 1, receive: 0.5, topics: ["economy", "affairs"] },
  {
    key: "urban-management",
    spellings: [["城市管理局", 6, "城市管理局"], ["城市管理和综合执法局", 4, "城市管理和综合执法局"]],
    kind: "government", lead: 2, receive: 1.5, topics: ["construction", "ecology"],
  },
  { key: "veterans", spellings: one("退役军人事务局"), kind: "government", lead: 2, receive: 0.3, topics: ["party", "welfare"] },
  {
    key: "ethnic-religious",
    spellings: [["民族宗教事务局", 6, "民族宗教事务局"], ["民宗局", 4, "民族宗教事务局"]],
    kind: "government", lead: 1.5, receive: 0, topics: ["ethnic"],
  },
  { key: "fire", spellings: one("消防救援局"), kind: "branch", lead: 6, receive: 1, topics: ["emergency"] },
  { key: "tax", spellings: one("税务局"), kind: "branch", lead: 1, receive: 0, topics: ["economy"] },
  { key: "meteorology", spellings: one("气象局"), kind: "branch", lead: 0.5, receive: 0, topics: ["emergency"] },
  { key: "ecology", spellings: one("生态环境局"), kind: "branch", lead: 10, receive: 2, topics: ["ecology"], prefectureBranch: true },
  { key: "congress", spellings: one("人大"), kind: "congress", lead: 1, receive: 0, topics: ["party"] },
  { key: "cppcc", spellings: one("政协"), kind: "congress", lead: 1, receive: 0, topics: ["party"] },
  { key: "disabled", spellings: one("残联"), kind: "mass", lead: 2, receive: 0.7, topics: ["welfare", "livelihood"] },
  { key: "trade-union", spellings: one("总工会"), kind: "mass", lead: 1, receive: 0, topics: ["party", "welfare"] },
  { key: "red-cross", spellings: one("红十字会"), kind: "mass", lead: 3, receive: 0, topics: ["welfare", "livelihood"] },
  { key: "women", spellings: one("妇联"), kind: "mass", lead: 1, receive: 0, topics: ["party", "livelihood"] },
  { key: "youth", spellings: one("团委"), kind: "mass", lead: 0.7, receive: 0, topics: ["party", "civility"] },
];

/** The vague tails the seed's department column carries after a name. */
export const DEPARTMENT_NOTES: readonly string[] = ["及其他负有安全生产监督管理职责的部门", "等相关部门"];

/*
 * Slots in the phrase tables: {w} an area of work, {s} how the town calls itself (本镇 / 本乡 /
 * 本街道), {t} the town's name, {d} a department's short form (县民政局), {l} the row's lead
 * department, {r} a department role.
 */

/** Clauses of a basic item's name; one to three of them, joined by ，. */
export const BASIC_CLAUSES: readonly string[] = [
  "负责{s}{w}工作", "加强{w}", "落实{w}工作", "推进{w}", "组织开展{w}工作", "做好{w}工作", "健全{w}工作机制",
  "统筹抓好{w}", "协助做好{w}工作", "指导各村做好{w}", "规范{w}工作流程", "承担{s}{w}相关工作",
];

/** Clauses that extend a name or a step without naming a new area of work. */
export const TAILS: readonly string[] = [
  "建立工作台账", "完善长效机制", "及时处置发现的问题", "做好政策宣传和解读", "推动工作常态化、制度化", "加强工作队伍建设",
  "落实属地管理责任", "定期开展督促检查", "提升服务质量和效率", "确保各项工作落实到位", "做好信息收集和报送",
  "强化考核结果运用", "做到底数清、情况明", "对发现的问题限期整改", "及时回应群众关切", "做好资料归档",
];

/** How a coordinated item is named after its area of work. */
export const COORDINATED_SUFFIXES: readonly string[] = ["工作", "", "工作", "监督检查", "宣传", "服务", "信息报送", "相关工作"];

/** The department's side of a coordinated item, when the cell does not divide it per department. */
export const DEPARTMENT_STEPS: readonly string[] = [
  "制定{w}工作方案，明确工作目标、任务分工和时间安排", "对{t}上报的{w}相关材料进行审核，提出审核意见",
  "组织开展{w}业务培训，提升基层工作人员业务能力", "负责{w}的统筹协调和业务指导，定期开展监督检查",
  "建立{w}工作台账，做好数据汇总、分析和上报工作", "会同相关部门对{w}进行督导检查，发现问题及时督促整改",
  "向{t}下发{w}工作通知，明确工作要求", "及时协调解决{t}在{w}中遇到的困难和问题", "负责{w}相关资金的申请、拨付和监管",
  "对{w}工作成效进行考核评估，并通报考核结果", "明确{w}的具体条件、工作程序和时间安排", "对{t}报送的名单进行资格审查，确定最终人选",
  "负责{w}项目的审批、实施监管和竣工验收", "定期发布{w}相关政策和技术规范", "组织专业技术人员开展{w}实地核查",
  "受理{t}提交的{w}申请材料，审核通过后予以办理", "牵头做好{w}的宣传引导和舆论监督", "做好{w}信息系统的更新维护",
];

/** The department's side when each department of the row gets its own steps ({d}负责…). */
export const DEPARTMENT_ROLES: readonly string[] = [
  "政策制定和业务指导", "日常监督管理", "资金保障和绩效评价", "技术支持和人员培训", "安全监管和执法检查", "信息核实和数据共享",
  "组织实施和督促检查", "宣传动员和舆论引导", "审核把关和备案管理", "应急处置和协调联动",
];

export const DEPARTMENT_ROLE_STEPS: readonly string[] = [
  "{d}负责{w}的{r}", "{d}负责{r}，配合做好{w}", "{d}牵头做好{w}的{r}", "{d}承担{w}中的{r}",
];

/** The town's side of a coordinated item. */
export const TOWN_STEPS: readonly string[] = [
  "根据上级要求，做好{w}的宣传动员工作", "组织村网格员开展{w}相关情况摸排，建立工作台账", "及时向{l}报送{w}相关信息和材料",
  "配合{l}做好{w}的现场核查工作", "指导各村做好{w}的日常管理，发现问题及时报告", "落实专人负责{w}，确保工作落实到位",
  "收集群众对{w}的意见建议，及时反馈", "摸排{s}{w}基本情况，召开党委会研究确定实施项目", "协助{l}做好{w}相关手续办理",
  "组织{s}干部群众参加{w}培训", "发挥村网格作用，做好{w}日常巡查工作", "汇总各村{w}情况，按时上报{l}",
  "对{w}中发现的问题及时劝导制止，并报告{l}", "做好{w}的后续管理和服务保障",
];

/** Reclaimed penalties whose method is boilerplate, as ten of the seed's are. */
export const ENFORCEMENT_METHOD = "负责执法检查、巡查、投诉、举报事项；开展立案登记审查；对符合立案条件的，依法依规进行调查，并对确凿的违法事件作出行政处罚决定；完成执法文书归档工作。";

/** The seed's eight-step penalty procedure. */
export const PENALTY_PROCEDURE: readonly string[] = ["现场检查与线索发现", "立案审批", "调查取证", "责令整改", "行政处罚事先告知", "作出处罚决定", "执行与监督", "结案归档"];

/** Actions a county department may take back on an area of work, beyond the curated reclaims. */
export const RECLAIM_ACTIONS: readonly string[] = ["监督检查", "信息采集", "数据统计", "审核确认", "考核"];

/**
 * 个性化事项: what a single town adds (the seed's 王家庄村土豆, 玛禾生态农庄茶). Every template names
 * the town ({b}), so two towns of a county never add the same item.
 */
export const LOCAL_PRODUCTS: readonly string[] = [
  "土豆", "山药", "核桃", "红枣", "茶叶", "枸杞", "葡萄", "苹果", "小米", "香菇", "蜂蜜", "花椒", "辣椒", "棉花", "牛羊肉",
  "黑木耳", "板栗", "猕猴桃", "油茶", "中药材", "食用菌", "小龙虾", "莲藕", "柑橘",
];
export const LOCAL_BASIC: readonly string[] = [
  "发展{v}村{p}等优势农产品产业，构建“产加销”全产业链条，提高农产品附加值，提升“{b}”品牌的知名度",
  "联合{v}生态农庄发展特色{p}产业，打造“带得走的{b}礼物”等品牌，探索{p}产业与文旅融合发展，推动农民增收",
  "依托{v}村{p}种植基地，建设“{b}{p}”加工和冷链物流设施，带动周边村民就业",
  "举办{b}{p}文化旅游节，推介{v}村特色{p}产品，扩大地方特色品牌影响力",
];
export const LOCAL_COORDINATED: readonly string[] = ["{b}{v}村{p}产业园项目建设", "{b}{p}种植基地提质改造", "{b}{p}特色小镇创建"];
