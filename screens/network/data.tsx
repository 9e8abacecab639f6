// Where the Network screen gets the host's network from: a loader in context (tests, demos), or a probe of the
// machine the wizard runs on (--root and the environment of the command that opened the hub).
import { createContext, useContext, useEffect, useState } from 'react';
import { createHost } from '../../src/host/host';
import { type ProbedNetwork, probeNetwork } from '../../src/network/probe';
import { useWizard } from '../state';

export type NetworkLoader = () => Promise<ProbedNetwork>;

export const NetworkLoaderContext = createContext<NetworkLoader | null>(null);

export type NetworkData =
  | { state: 'loading' }
  | { state: 'ready'; current: ProbedNetwork }
  | { state: 'failed'; message: string };

export function useNetworkData(): NetworkData {
  const injected = useContext(NetworkLoaderContext);
  const { command } = useWizard();
  const [data, setData] = useState<NetworkData>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    const env = command?.io.env ?? process.env;
    const load: NetworkLoader =
      injected ?? (() => probeNetwork(createHost(command?.global.root ?? '/', env), env));
    load().then(
      (current) => live && setData({ state: 'ready', current }),
      (err: Error) => live && setData({ state: 'failed', message: err.message }),
    );
    return () => {
      live = false;
    };
  }, [injected, command]);
  return data;
}
