/*
 * Files dropped elsewhere (the drop zone on 修订对比) travel to 上传清单 through memory: a File
 * cannot ride in the URL, and it must not be uploaded anywhere before the page checks it.
 */
let handed: File[] = [];

export function handOver(files: File[]): void {
  handed = files;
}

/** The files handed over, once. */
export function takeHandedOver(): File[] {
  const files = handed;
  handed = [];
  return files;
}
