/**
 * The join address as a QR code for the projector. `qrcode` writes SVG text; it is parsed as SVG (never as HTML)
 * and only its <svg> element goes into the page, so nothing in it can run.
 */
import { toString as qrSvg } from 'qrcode';

export async function showJoinQr(host: HTMLElement, url: string, label: string): Promise<void> {
  const text = await qrSvg(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const svg = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
  if (svg.localName !== 'svg' || svg.querySelector('script, foreignObject') !== null) return;
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  host.replaceChildren(document.importNode(svg, true));
}
