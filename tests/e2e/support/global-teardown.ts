import { connectDevTools, messageOf } from './devtools';
import { resources } from './state';

export default async function globalTeardown(): Promise<void> {
  const opened = resources();
  if (opened.devtools) {
    try {
      await (await connectDevTools()).close();
    } catch (error) {
      console.warn(`e2e: could not close the DevTools project window: ${messageOf(error)}`);
    }
  }
  await opened.host?.close();
}
