/**
 * The look of pages in the browser tab. A cluster's pages link style sheets the tab never fetches (Bookinfo's
 * Bootstrap 3), so this sheet gives the classes those pages use a plain rendering of their own, and does what
 * their scripts would have done for the parts the course needs: Bootstrap's modal (the "Sign in" form) opens
 * when its `.in` class is set (browser-tab.ts toggles it, as bootstrap.js would).
 */
export const PAGE_CSS = `
:host { display: block; color: #222; background: #fff; font: 14px/1.45 system-ui, sans-serif; }
.page { padding: 0 0 1rem; min-height: 100%; }
a { color: #2a6fdb; }
h1, h2, h3, h4 { margin: 0.6em 0 0.4em; line-height: 1.2; }
.text-center { text-align: center; }
.text-primary { color: #2a6fdb; }
.container, .container-fluid { padding: 0 1rem; }
.row { display: flex; flex-wrap: wrap; gap: 0 1rem; }
.col-md-12 { flex: 1 1 100%; }
.col-md-6 { flex: 1 1 18rem; min-width: 0; }
.navbar { display: flex; align-items: center; background: #222; color: #ddd; padding: 0.4rem 0; margin-bottom: 0.5rem; }
.navbar .container { display: flex; align-items: center; justify-content: space-between; width: 100%; gap: 1rem; }
.navbar a, .navbar-brand { color: #eee; text-decoration: none; font-size: 1.1rem; }
.navbar-text { margin: 0; color: #ddd; }
.navbar-text a { color: #9cf; text-decoration: underline; }
.btn { font: inherit; border: 1px solid #aaa; border-radius: 4px; padding: 0.25rem 0.75rem; background: #f6f6f6; color: #222; cursor: pointer; }
.btn-primary { background: #2a6fdb; border-color: #2a6fdb; color: #fff; }
.modal { display: none; }
.modal.in { display: block; position: absolute; inset: 3rem 0 auto; margin: 0 auto; max-width: 20rem; padding: 1rem;
  background: #fff; border: 1px solid #999; border-radius: 6px; box-shadow: 0 6px 24px rgb(0 0 0 / 35%); z-index: 1; }
.modal form { display: grid; gap: 0.5rem; }
.form-control { font: inherit; padding: 0.3rem 0.5rem; border: 1px solid #aaa; border-radius: 4px; }
blockquote { margin: 0.5rem 0; padding: 0.25rem 0.75rem; border-left: 4px solid #ddd; }
blockquote small { display: block; color: #666; }
blockquote small::before { content: '— '; }
.glyphicon-star::before { content: '★'; }
.glyphicon-star-empty::before { content: '☆'; }
.glyphicon-user::before { content: '\\2022'; }
dl { margin: 0.5rem 0; }
dt { font-weight: 600; margin-top: 0.25rem; }
table { border-collapse: collapse; margin: 0.5rem 0; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: left; }
pre.plain-text { margin: 0; padding: 0.75rem 1rem; white-space: pre-wrap; word-break: break-word; font: 13px/1.4 ui-monospace, monospace; }
.error-page { padding: 1.5rem 1.5rem; max-width: 40rem; }
.error-page h1 { font-size: 1.4rem; }
.error-page code { color: #666; }
`;
