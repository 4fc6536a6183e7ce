import { useId } from "react";

/**
 * ⓘ beside a tile or chart title: what the figure counts. The text is always in the page (a screen
 * reader reads it as the button's description); CSS shows it on hover or focus, and print shows it
 * under the chart, where no one can hover.
 */
export function HelpTip({ text, subject }: { text: string; subject: string }) {
  const id = useId();
  return (
    <span className="help">
      <button type="button" className="help-button no-export" aria-label={`${subject}：说明`} aria-describedby={id}>
        ⓘ
      </button>
      <span role="tooltip" id={id} className="help-text">
        {text}
      </span>
    </span>
  );
}
