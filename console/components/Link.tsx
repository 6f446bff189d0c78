// An <a> that navigates inside the app; modified clicks still open new tabs as usual.
import type { ComponentChildren, PartialAnchorHTMLAttributes } from 'preact';
import { useServices } from '../app-context.js';

type Props = Omit<PartialAnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'onClick' | 'role'> & {
  href: string;
  onClick?: (e: MouseEvent) => void;
  children?: ComponentChildren;
};

export function Link({ href, onClick, children, ...rest }: Props) {
  const { router } = useServices();
  return (
    <a
      {...rest}
      href={href}
      onClick={(e) => {
        onClick?.(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        router.navigate(href);
      }}
    >
      {children}
    </a>
  );
}
