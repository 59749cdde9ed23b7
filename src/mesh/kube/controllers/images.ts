/**
 * Container images as the kubelet and containerd talk about them: fully qualified references, digests,
 * sizes, and the wording of pull results.
 */
import { fnv32a } from '../names';

/** `nginx` → `docker.io/library/nginx:latest`, `istio/proxyv2:1.30.4` → `docker.io/istio/proxyv2:1.30.4`. */
export function normalizeImage(image: string): string {
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  const hasRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
  let reference = hasRegistry ? image : `docker.io/${slash < 0 ? 'library/' : ''}${image}`;
  const lastSegment = reference.slice(reference.lastIndexOf('/') + 1);
  if (!lastSegment.includes(':') && !lastSegment.includes('@')) reference += ':latest';
  return reference;
}

/** A stable digest per image, so `imageID` reads like `docker.io/istio/proxyv2@sha256:…`. */
export function imageId(image: string): string {
  const reference = normalizeImage(image);
  const repository = reference.replace(/[:@][^/]*$/, '');
  let digest = '';
  for (let i = 0; digest.length < 64; i++) digest += fnv32a(`${reference}#${i}`).toString(16).padStart(8, '0');
  return `${repository}@sha256:${digest.slice(0, 64)}`;
}

/** A plausible compressed size (20–300 MB), stable per image. */
export function imageSizeBytes(image: string): number {
  return 20_000_000 + (fnv32a(normalizeImage(image)) % 280_000_000);
}

/** Go's time.Duration.String() for a millisecond duration: `800ms`, `1.2s`, `2m3.5s`. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const seconds = ms / 1000;
  const minutes = Math.floor(seconds / 60);
  const rest = Number((seconds - minutes * 60).toFixed(3)).toString();
  return minutes > 0 ? `${minutes}m${rest}s` : `${rest}s`;
}

/** The containerd error behind ErrImagePull for an image no registry has, with `note` saying why when given. */
export function pullFailure(image: string, note?: string): string {
  const reference = normalizeImage(image);
  return (
    `rpc error: code = NotFound desc = failed to pull and unpack image "${reference}": ` +
    `failed to resolve reference "${reference}": ${reference}: not found${note === undefined ? '' : ` (${note})`}`
  );
}
