/**
 * The one signal helper: resolves with the name of the first SIGINT or
 * SIGTERM the process receives. `dispose` removes the handlers, so a second
 * signal during a slow shutdown ends the process the default way.
 */
export function untilStopSignal(signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): { stopped: Promise<NodeJS.Signals>; dispose(): void } {
  let on: (s: NodeJS.Signals) => void = () => undefined;
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    on = resolve;
  });
  for (const s of signals) process.once(s, on);
  return {
    stopped,
    dispose() {
      for (const s of signals) process.off(s, on);
    },
  };
}
