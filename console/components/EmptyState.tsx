// What an empty screen says: what is missing, what to do next, and the button or link that does it.
import type { ComponentChildren } from 'preact';
import { Link } from './Link.js';

/** `external`: a page outside the console (the demo app), opened in a new tab. */
export type EmptyAction = { label: string; href: string; external?: boolean } | { label: string; onClick: () => void };

interface Props {
  title: string;
  hint: ComponentChildren;
  action?: EmptyAction;
  icon?: string;
  testId?: string;
}

export function EmptyState({ title, hint, action, icon = '✓', testId = 'empty-state' }: Props) {
  return (
    <div class="empty-state" data-testid={testId}>
      <div class="empty-illustration" aria-hidden="true">
        {icon}
      </div>
      <h2>{title}</h2>
      <p class="muted">{hint}</p>
      {action &&
        ('href' in action ? (
          action.external ? (
            <a href={action.href} class="btn btn-primary" target="_blank" rel="noopener">
              {action.label}
            </a>
          ) : (
            <Link href={action.href} class="btn btn-primary">
              {action.label}
            </Link>
          )
        ) : (
          <button type="button" class="btn btn-primary" onClick={action.onClick}>
            {action.label}
          </button>
        ))}
    </div>
  );
}
