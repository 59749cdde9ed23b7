/** The HTML productpage renders: our own markup carrying the strings and classes the Istio tasks look for. */

export interface Product {
  id: number;
  title: string;
  descriptionHtml: string;
}

export const PRODUCTS: readonly Product[] = [
  {
    id: 0,
    title: 'The Comedy of Errors',
    descriptionHtml:
      '<a href="https://en.wikipedia.org/wiki/The_Comedy_of_Errors">Wikipedia Summary</a>: The Comedy of Errors is one of ' +
      "<b>William Shakespeare's</b> early plays. It is his shortest and one of his most farcical comedies, with a major part " +
      'of the humour coming from slapstick and mistaken identity, in addition to puns and word play.',
  },
];

export const DETAILS_UNAVAILABLE = 'Sorry, product details are currently unavailable for this book.';
export const REVIEWS_UNAVAILABLE = 'Sorry, product reviews are currently unavailable for this book.';
export const RATINGS_UNAVAILABLE_FOR_BOOK = 'Sorry, product ratings are currently unavailable for this book.';

/** What the page shows for one section: the JSON a service answered with, or the error text. */
export type Section<T> = { ok: true; value: T } | { ok: false; error: string };

export interface DetailsView {
  type?: unknown;
  pages?: unknown;
  publisher?: unknown;
  language?: unknown;
  'ISBN-10'?: unknown;
  'ISBN-13'?: unknown;
}

export interface ReviewsView {
  podname?: unknown;
  clustername?: unknown;
  reviews?: { reviewer?: unknown; text?: unknown; rating?: { stars?: unknown; color?: unknown; error?: unknown } }[];
}

export interface PageModel {
  product: Product;
  user: string;
  details: Section<DetailsView>;
  reviews: Section<ReviewsView>;
}

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&#34;')
    .replace(/'/g, '&#39;');
}

export function renderProductPage(model: PageModel): string {
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Simple Bookstore App</title>
<link rel="stylesheet" href="static/bootstrap/css/bootstrap.min.css">
</head>
<body>
${renderNavbar(model.user)}
<div class="container-fluid">
  <div class="row">
    <div class="col-md-12">
      <h3 class="text-center text-primary">${escapeHtml(model.product.title)}</h3>
      <p>Summary: ${model.product.descriptionHtml}</p>
    </div>
  </div>
  <div class="row">
    <div class="col-md-6">
${renderDetails(model.details)}
    </div>
    <div class="col-md-6">
${renderReviews(model.reviews)}
    </div>
  </div>
</div>
<script src="static/jquery.min.js"></script>
<script src="static/bootstrap/js/bootstrap.min.js"></script>
<script>
$('#login-modal').on('shown.bs.modal', function () { $('input[name=username]').focus(); });
</script>
</body>
</html>
`;
}

function renderNavbar(user: string): string {
  const account =
    user === ''
      ? `    <button type="button" class="btn btn-default navbar-btn pull-right" data-toggle="modal" data-target="#login-modal">Sign in</button>`
      : `    <p class="navbar-text navbar-right"><i class="glyphicon glyphicon-user" aria-hidden="true"></i>` +
        `<span style="padding-left: 5px;">${escapeHtml(user)} ( <a href="logout">sign out</a> )</span></p>`;
  return `<nav class="navbar navbar-inverse navbar-static-top">
  <div class="container">
    <div class="navbar-header"><a class="navbar-brand" href="#">BookInfo Sample</a></div>
${account}
  </div>
</nav>
<div class="modal fade" id="login-modal" tabindex="-1" role="dialog">
  <form method="post" action="login" name="login_form">
    <h4>Please sign in</h4>
    <input type="text" class="form-control" name="username" placeholder="User Name">
    <input type="password" class="form-control" name="passwd" placeholder="Password">
    <button type="submit" class="btn btn-primary">Sign in</button>
  </form>
</div>`;
}

function renderDetails(details: Section<DetailsView>): string {
  if (!details.ok) {
    return `      <h4 class="text-center text-primary">Error fetching product details</h4>
      <p>${escapeHtml(details.error)}</p>`;
  }
  const d = details.value;
  const row = (label: string, value: unknown): string => `        <dt>${label}:</dt>${escapeHtml(value)}`;
  return `      <h4 class="text-center text-primary">Book Details</h4>
      <dl>
${[
  row('Type', d.type),
  row('Pages', d.pages),
  row('Publisher', d.publisher),
  row('Language', d.language),
  row('ISBN-10', d['ISBN-10']),
  row('ISBN-13', d['ISBN-13']),
].join('\n')}
      </dl>`;
}

function renderReviews(reviews: Section<ReviewsView>): string {
  if (!reviews.ok) {
    return `      <h4 class="text-center text-primary">Error fetching product reviews</h4>
      <p>${escapeHtml(reviews.error)}</p>`;
  }
  const body = reviews.value;
  const quotes = (body.reviews ?? []).map((review) => {
    return `      <blockquote>
        <p>${escapeHtml(review.text)}</p>
        <small>${escapeHtml(review.reviewer)}</small>
${renderRating(review.rating)}      </blockquote>`;
  });
  const cluster =
    body.clustername !== undefined && body.clustername !== 'null'
      ? ` on cluster <u>${escapeHtml(body.clustername)}</u>`
      : '';
  return `      <h4 class="text-center text-primary">Book Reviews</h4>
${quotes.join('\n')}
      <dl>
        <dt>Reviews served by:</dt>
        <u>${escapeHtml(body.podname)}</u>${cluster}
      </dl>`;
}

/** Full stars, then empty ones up to five, in the color reviews chose (black for v2, red for v3). */
function renderRating(rating: { stars?: unknown; color?: unknown; error?: unknown } | undefined): string {
  if (rating === undefined) return '';
  const stars = typeof rating.stars === 'number' ? Math.max(0, Math.min(5, Math.trunc(rating.stars))) : 0;
  if (stars > 0) {
    const full = '          <span class="glyphicon glyphicon-star"></span>\n'.repeat(stars);
    const empty = '          <span class="glyphicon glyphicon-star-empty"></span>\n'.repeat(5 - stars);
    return `        <font color="${escapeHtml(rating.color)}">\n${full}${empty}        </font>\n`;
  }
  if (rating.error !== undefined) return `        <p><i>${escapeHtml(rating.error)}</i></p>\n`;
  return '';
}

/** `/` and `/index.html`: the landing page with links for a normal and a test user. */
export function renderIndexPage(): string {
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<title>Simple Bookstore App</title>
</head>
<body>
<div class="container">
  <h3>Hello! This is a simple bookstore application consisting of three services as shown below</h3>
  <table class="table table-condensed table-bordered table-hover">
    <tr><th>name</th><td>http://details:9080</td></tr>
    <tr><th>endpoint</th><td>details</td></tr>
    <tr><th>children</th><td>details, reviews (ratings)</td></tr>
  </table>
  <p><h4>Click on one of the links below to auto generate a request to the backend as a real user or a tester</h4></p>
  <p><a href="/productpage?u=normal">Normal user</a></p>
  <p><a href="/productpage?u=test">Test user</a></p>
</div>
</body>
</html>
`;
}
