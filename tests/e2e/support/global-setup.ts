import { launchDevTools } from './devtools';
import { findDevTools, skipReason } from './devtools-env';
import { ensureLocalHost } from './host';
import { resources } from './state';

export default async function globalSetup(): Promise<void> {
  const devtools = findDevTools();
  if (!devtools.ok) {
    console.warn(`\ne2e: every spec is ${skipReason(devtools.problem)}.`);
    return;
  }
  const opened = resources();
  opened.host = await ensureLocalHost();
  console.log(
    `\ne2e: local host ${opened.host.startedHere ? 'started' : 'already running'} on ${opened.host.baseUrl}.`,
  );
  try {
    opened.devtools = await launchDevTools(devtools.cliPath);
  } catch (error) {
    await opened.host.close();
    throw error;
  }
  // Each spec attaches on its own; one client at a time on the automation port.
  opened.devtools.disconnect();
  console.log('e2e: project opened in WeChat DevTools with automation on.');
}
