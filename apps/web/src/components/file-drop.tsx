import { useRef, useState } from "react";

/** What the file picker offers; the server reads the format from the bytes, so this is only a hint. */
const ACCEPT = ".docx,.xlsx,.pdf,.html,.htm,.md,.markdown,.csv,.txt,.tsv";

/** A drop zone (a named region of the page) and a file picker, for the keyboard, for one or more list documents. */
export function FileDrop({ onFiles, hint }: { onFiles: (files: File[]) => void; hint: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    <section
      className={`file-drop${over ? " over" : ""}`}
      aria-label="拖放或选择文件"
      data-testid="file-drop"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (e.dataTransfer.files.length > 0) onFiles([...e.dataTransfer.files]);
      }}
    >
      <p>{hint}</p>
      <button type="button" className="button" onClick={() => input.current?.click()}>
        选择文件…
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        data-testid="file-input"
        onChange={(e) => {
          if (e.target.files && e.target.files.length > 0) onFiles([...e.target.files]);
          e.target.value = "";
        }}
      />
    </section>
  );
}
