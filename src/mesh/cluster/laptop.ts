import { NetError, type Connection, type ConnectOptions, type Net, type NetHost } from '../net';
import { LAPTOP_ADDRESS } from './nks';

/** Addresses inside the VPC (pods, ClusterIPs, nodes): not routable from the internet. */
function isPrivate(address: string): boolean {
  return /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.)/.test(address);
}

/**
 * The learner's laptop: on the internet, outside the cluster. It resolves public names (a load balancer's
 * DNS name) but not cluster names, and cannot reach private addresses — as with a real NKS cluster.
 */
export function createLaptop(net: Net): NetHost {
  const host = net.host(LAPTOP_ADDRESS);
  return {
    get address() {
      return host.address;
    },
    listen: (port, handler, options) => host.listen(port, handler, options),
    connect: (address: string, port: number, options?: ConnectOptions): Promise<Connection> => {
      if (isPrivate(address)) {
        return Promise.reject(new NetError('ETIMEDOUT', `connect ETIMEDOUT ${address}:${port}`));
      }
      return host.connect(address, port, options);
    },
    resolve: (name) =>
      /\.(local|internal)\.?$|^[^.]+$/.test(name) && name !== 'localhost' ? undefined : host.resolve(name),
    setCapture: (rules) => host.setCapture(rules),
  };
}
