import { Link } from '../components/Link.js';
import { hrefFor } from '../lib/router.js';

export function NotFoundScreen({ message }: { message: string }) {
  return (
    <div class="page empty-state">
      <h1>Not here</h1>
      <p class="muted">{message}</p>
      <Link class="btn" href={hrefFor({ name: 'queue' })}>
        Back to the queue
      </Link>
    </div>
  );
}
