/** A file's bytes as base64, the form the API takes a document in (any format, any encoding). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((done, fail) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      done(url.slice(url.indexOf(",") + 1));
    };
    reader.onerror = () => fail(reader.error ?? new Error(`${file.name}: 无法读取文件`));
    reader.readAsDataURL(file);
  });
}
