/** Commands a page element can run on click without script: `<a href="#" data-firstline-open-on-click>`. */
const CLICK_COMMANDS = ['open', 'close', 'shutdown', 'show', 'hide'] as const;

/**
 * One delegated listener on the document: a click on (or inside) an element carrying
 * `data-firstline-<command>-on-click` runs that command. The element's own default action (a link
 * being followed, a form submitted) is prevented only for `open`/`close`/`show`/`hide`, so a
 * log-out link marked `data-firstline-shutdown-on-click` still logs out.
 */
export function watchClickCommands(doc: Document, run: (command: (typeof CLICK_COMMANDS)[number]) => void): void {
  doc.addEventListener('click', (e) => {
    const target = e.target as Partial<Element> | null;
    for (const command of CLICK_COMMANDS) {
      if (!target?.closest?.(`[data-firstline-${command}-on-click]`)) continue;
      if (command !== 'shutdown') e.preventDefault();
      run(command);
    }
  });
}
