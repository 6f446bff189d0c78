// Keeps the tab title informative, e.g. "(3) Queue · Firstline", so a waiting visitor is seen from other tabs.
import { useEffect } from 'preact/hooks';

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    const prev = document.title;
    document.title = title;
    return () => {
      document.title = prev;
    };
  }, [title]);
}
