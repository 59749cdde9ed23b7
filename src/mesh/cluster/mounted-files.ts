import { type Kube, type KubeObject, TYPES, type Pod } from '../kube';

type Container = NonNullable<Pod['spec']>['containers'][number];

interface DataObject extends KubeObject {
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

function decodeBase64(text: string): string {
  const binary = atob(text);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/**
 * A container's files from its ConfigMap and Secret volumes, read at the time of the read as the kubelet
 * keeps them in sync: `/etc/nginx/nginx.conf` is key `nginx.conf` of the ConfigMap mounted at `/etc/nginx`
 * (a mount's `subPath` mounts one key at the path itself; `items` rename keys). Undefined when no volume
 * holds the path or its object does not exist.
 */
export function mountedFileReader(kube: Kube, pod: Pod, container: Container): (path: string) => string | undefined {
  const namespace = pod.metadata.namespace ?? 'default';
  const volumes = pod.spec?.volumes ?? [];
  return (path) => {
    for (const mount of container.volumeMounts ?? []) {
      const volume = volumes.find((v) => v.name === mount.name);
      if (volume === undefined) continue;
      const dir = mount.mountPath.replace(/\/+$/, '');
      let file: string | undefined;
      if (mount.subPath !== undefined && mount.subPath !== '') file = path === dir ? mount.subPath : undefined;
      else if (path.startsWith(`${dir}/`)) file = path.slice(dir.length + 1);
      if (file === undefined) continue;
      const source = volume.configMap ?? volume.secret;
      const objectName = volume.configMap?.name ?? volume.secret?.secretName;
      if (source === undefined || objectName === undefined) continue;
      const key = source.items?.find((item) => item.path === file)?.key ?? file;
      const object = kube.get<DataObject>(volume.configMap ? TYPES.ConfigMap : TYPES.Secret, namespace, objectName);
      const stored = object?.stringData?.[key] ?? object?.data?.[key];
      if (stored === undefined) continue;
      return volume.secret !== undefined && object?.stringData?.[key] === undefined ? decodeBase64(stored) : stored;
    }
    return undefined;
  };
}
