import { apportion, deriveSeed, Rng } from "./random.ts";

/*
 * Place names are made up from syllables so that no synthetic list can be mistaken for a real
 * town's. Stems never contain a character the title parser reads as a level suffix
 * (省 州 市 县 区 旗 盟 地 镇 乡 街 道 苏 木 自 治), because the title reader cuts names it does not know at the
 * suffixes; a test holds the tables to that.
 */
export const HAN_SYLLABLES = [
  ..."安宁平河山阳江泉德兴华丰昌源林水南北东西长青龙凤石新永福庆清明临武宝金川沙湖桥坪溪岭峰台关营堡寨口塘滨浦原梁固靖定远和乐寿康泰顺化建广嘉荣盛通汇万同合怀信义仁岳鹤鹿白黄红云雪霞月星天海湾渡港阜陵松柏桂兰梅竹莲杨柳榆枣汾洛淮汉济沂泗湘赣闽滇黔蜀秦晋燕赵鲁豫皖吴越楚岷邛涪渝睢邯郸潞绛晏琼瑞玉璧翠碧丹",
];
export const FRONTIER_SYLLABLES = [
  ..."阿克喀什巴音塔尔乌哈图拉吉伊犁和田玛纳斯博乐库车莎且末若羌额敏托里奎屯精沁达茂锡郭呼伦贝赤鄂多萨日则那曲芝昂仁隆察雅",
];
export const SURNAMES = [
  ..."王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文",
];
export const HAMLET_ENDINGS = [
  "家庄",
  "家湾",
  "家集",
  "家营",
  "家堡",
  "家店",
  "家河",
  "家桥",
  "家坪",
  "家沟",
  "庄",
  "集",
  "店",
  "营",
  "堡",
  "寨",
  "屯",
  "铺",
  "桥",
  "口",
];
export const ETHNIC_TAGS = ["回族", "壮族", "维吾尔", "彝族", "苗族", "土家族", "瑶族"];

export type RegionLevel = "province" | "prefecture" | "county" | "town";

/** One node of the synthetic region tree; ids run in depth-first order, parents before children. */
export interface RegionNode {
  id: number;
  parentId: number | null;
  level: RegionLevel;
  name: string;
}

export interface CountyNode extends RegionNode {
  level: "county";
  /** 0-based position among all counties, the key of the county's random stream. */
  ordinal: number;
  province: RegionNode;
  prefecture: RegionNode;
  /** Provinces named …自治区: frontier-style names, 旗 counties, more 民族宗教 work. */
  autonomous: boolean;
  towns: RegionNode[];
}

export interface Atlas {
  provinces: RegionNode[];
  prefectures: RegionNode[];
  counties: CountyNode[];
  townCount: number;
}

// National shape: 31 provinces, ~333 prefecture-level units, ~2,800 counties, ~38,600 towns.
const PROVINCES = 31;
const AUTONOMOUS_PROVINCES = 5;
const TOWNS_PER_COUNTY = 13.8;
const COUNTIES_PER_PREFECTURE = 8.4;

/**
 * The region tree for `towns` towns: counties of about 14 towns (never fewer than 3 unless
 * the total is smaller), spread over up to 31 provinces in proportion, so that 500 towns and
 * 38,600 towns both look national rather than like one corner of the country.
 */
export function buildAtlas(seed: number, towns: number): Atlas {
  if (!Number.isInteger(towns) || towns < 1) throw new RangeError(`town count must be a positive integer, got ${towns}`);
  const rng = new Rng(deriveSeed(seed, 0x5eed));
  const sizes: number[] = [];
  for (let left = towns; left > 0; ) {
    const size = Math.min(left, Math.max(3, Math.min(30, Math.round(TOWNS_PER_COUNTY + 5 * rng.normal()))));
    sizes.push(size);
    left -= size;
  }
  const provinceCount = Math.min(PROVINCES, sizes.length);
  const countiesPerProvince = apportion(
    sizes.length,
    Array.from({ length: provinceCount }, () => 0.4 + 1.2 * rng.next()),
    1,
  );

  const names = new NameBook(rng);
  const autonomousAt = new Set(rng.shuffle([...Array(PROVINCES).keys()]).slice(0, AUTONOMOUS_PROVINCES));
  let nextId = 1;
  const atlas: Atlas = { provinces: [], prefectures: [], counties: [], townCount: towns };
  let sizeAt = 0;
  countiesPerProvince.forEach((countyCount, p) => {
    const autonomous = autonomousAt.has(p);
    const province: RegionNode = { id: nextId++, parentId: null, level: "province", name: names.province(autonomous) };
    atlas.provinces.push(province);
    const wanted = Math.round((countyCount / COUNTIES_PER_PREFECTURE) * (0.7 + 0.6 * rng.next()));
    const prefectureCount = Math.max(1, Math.min(countyCount, wanted));
    const perPrefecture = apportion(
      countyCount,
      Array.from({ length: prefectureCount }, () => 0.5 + rng.next()),
      1,
    );
    for (const inPrefecture of perPrefecture) {
      const prefecture: RegionNode = { id: nextId++, parentId: province.id, level: "prefecture", name: names.prefecture(autonomous) };
      atlas.prefectures.push(prefecture);
      for (let c = 0; c < inPrefecture; c++) {
        const countyName = names.county(autonomous);
        const county: CountyNode = {
          id: nextId++,
          parentId: prefecture.id,
          level: "county",
          name: countyName,
          ordinal: atlas.counties.length,
          province,
          prefecture,
          autonomous,
          towns: [],
        };
        const townNames = new Set<string>();
        for (let t = 0; t < sizes[sizeAt]!; t++) {
          let name: string;
          do name = names.town(countyName, autonomous);
          while (townNames.has(name));
          townNames.add(name);
          county.towns.push({ id: nextId++, parentId: county.id, level: "town", name });
        }
        sizeAt++;
        atlas.counties.push(county);
      }
    }
  });
  return atlas;
}

/** Draws names, unique per level across the country (towns only within their county). */
class NameBook {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  province(autonomous: boolean): string {
    return this.unique(() => {
      if (!autonomous) return `${this.stem(HAN_SYLLABLES, 2)}省`;
      const tag = this.rng.chance(0.6) ? this.rng.pick(ETHNIC_TAGS.slice(0, 3)) : "";
      return `${this.stem(this.rng.chance(0.5) ? FRONTIER_SYLLABLES : HAN_SYLLABLES, 2)}${tag}自治区`;
    });
  }

  prefecture(autonomous: boolean): string {
    const suffix = this.rng.weighted<[string, number]>(
      autonomous
        ? [
            ["市", 55],
            ["州", 25],
            ["地区", 20],
          ]
        : [
            ["市", 92],
            ["州", 5],
            ["地区", 3],
          ],
      (s) => s[1],
    )[0];
    return this.unique(() => `${this.placeStem(autonomous)}${suffix}`);
  }

  county(autonomous: boolean): string {
    const suffixes: [string, number][] = autonomous
      ? [
          ["县", 45],
          ["市", 12],
          ["区", 18],
          ["旗", 20],
          ["自治县", 5],
        ]
      : [
          ["县", 45],
          ["区", 36],
          ["市", 14],
          ["自治县", 5],
        ];
    const suffix = this.rng.weighted(suffixes, (s) => s[1])[0];
    return this.unique(() => {
      const tag = suffix === "自治县" ? this.rng.pick(ETHNIC_TAGS) : "";
      return `${this.placeStem(autonomous)}${tag}${suffix}`;
    });
  }

  /** Towns repeat across counties in real life (several 新华镇), so uniqueness is the caller's, per county. */
  town(county: string, autonomous: boolean): string {
    const kinds: [string, number][] = county.endsWith("区")
      ? [
          ["街道", 75],
          ["镇", 25],
        ]
      : county.endsWith("市")
        ? [
            ["街道", 35],
            ["镇", 55],
            ["乡", 10],
          ]
        : [
            ["镇", 55],
            ["乡", 38],
            ["街道", 7],
          ];
    const kind = this.rng.weighted(kinds, (k) => k[1])[0];
    const stem = this.rng.chance(0.4)
      ? `${this.rng.pick(SURNAMES)}${this.rng.pick(HAMLET_ENDINGS)}`
      : this.placeStem(autonomous && this.rng.chance(0.5));
    return `${stem}${kind}`;
  }

  private placeStem(frontier: boolean): string {
    const table = frontier && this.rng.chance(0.7) ? FRONTIER_SYLLABLES : HAN_SYLLABLES;
    return this.stem(table, frontier ? this.rng.int(2, 3) : this.rng.chance(0.9) ? 2 : 3);
  }

  private stem(table: readonly string[], length: number): string {
    let out = "";
    while (out.length < length) {
      const syllable = this.rng.pick(table);
      if (!out.endsWith(syllable)) out += syllable;
    }
    return out;
  }

  private unique(make: () => string): string {
    for (;;) {
      const name = make();
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }
}
