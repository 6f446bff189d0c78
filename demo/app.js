// Acme Projects: a tiny fake SaaS app that hosts the Firstline widget. Plain JS, no build step.

// The usual embed stub: lets the page call Firstline.* before the async widget script has loaded.
// Calls are queued in Firstline.q and replayed by the widget, in order, when it starts.
window.Firstline = window.Firstline || { q: [] };
['identify', 'setContext', 'open', 'close', 'page'].forEach(function (method) {
  window.Firstline[method] =
    window.Firstline[method] ||
    function () {
      window.Firstline.q.push([method].concat(Array.prototype.slice.call(arguments)));
    };
});

// Who is signed in: the widget passes this to the agent who picks up a handoff.
window.Firstline.identify({
  id: 'u_demo',
  name: 'Dana Demo',
  email: 'dana@example.com',
  plan: 'business',
  accountValue: 12000,
  renewalDate: '2026-03-01',
});

// Each route says what the visitor is looking at. setContext replaces the previous context, so an
// error state never follows the visitor to another page.
const routes = {
  '/': { view: 'view-dashboard', context: { feature: 'dashboard' } },
  '/billing': { view: 'view-billing', context: { feature: 'billing' } },
  '/billing/invoices': {
    view: 'view-invoices',
    context: { feature: 'billing', view: 'invoices', failedInvoice: 'INV-2025-012' },
  },
  '/settings': { view: 'view-settings', context: { feature: 'settings' } },
  '/settings/integrations': {
    view: 'view-integrations',
    context: { feature: 'integrations', errorState: 'slack_auth_failed' },
  },
};
const notFound = { view: 'view-not-found', context: { feature: 'unknown' } };

let slackAttempts = 0;

function normalize(path) {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function render(moveFocus) {
  const path = normalize(location.pathname);
  const route = routes[path] || notFound;
  const template = document.getElementById(route.view);
  const main = document.getElementById('main');
  main.replaceChildren(template.content.cloneNode(true));
  document.title = template.dataset.title + ' · Acme Projects';

  for (const link of document.querySelectorAll('.nav a, .subnav a')) {
    const href = link.getAttribute('href');
    const current = href === path || (href !== '/' && path.startsWith(href + '/') && link.closest('.nav'));
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }

  const context = Object.assign({}, route.context);
  if (path === '/settings/integrations' && slackAttempts > 0) context.reconnectAttempts = slackAttempts;
  window.Firstline.setContext(context);

  if (moveFocus) {
    // Tell keyboard and screen reader users the page changed, as a full load would.
    main.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }
}

function navigate(path) {
  if (normalize(path) === normalize(location.pathname)) return;
  history.pushState({}, '', path); // the widget sees this and reports the new page
  render(true);
}

document.addEventListener('click', function (event) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return;
  const target = event.target instanceof Element ? event.target : null;
  const link = target && target.closest('a[data-link]');
  if (link) {
    event.preventDefault();
    navigate(link.getAttribute('href'));
    return;
  }
  const action = target && target.closest('[data-action]');
  if (!action) return;
  if (action.dataset.action === 'open-chat') window.Firstline.open();
  if (action.dataset.action === 'reconnect-slack') reconnectSlack(action);
});

document.addEventListener('submit', function (event) {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.dataset.action !== 'fake-save') return;
  event.preventDefault();
  form.querySelector('.form-status').textContent = 'Saved.';
});

// The fake fix that never works, so there is something to ask support about.
function reconnectSlack(button) {
  const status = document.querySelector('#main .form-status');
  button.disabled = true;
  status.textContent = 'Reconnecting to Slack…';
  setTimeout(function () {
    slackAttempts += 1;
    button.disabled = false;
    status.textContent =
      'Reconnect failed: Slack still rejects the token (slack_auth_failed). Attempt ' + slackAttempts + '.';
    window.Firstline.setContext({
      feature: 'integrations',
      errorState: 'slack_auth_failed',
      reconnectAttempts: slackAttempts,
    });
  }, 700);
}

window.addEventListener('popstate', function () {
  render(true);
});

render(false);
