/// <reference lib="dom" />
// Runs inside the WebView's frame before the picture is taken (passed to puppeteer's evaluate, so
// it must not use anything from outside its own body): what the runtime would have done by now.

export interface PrepareOptions {
  /** Scroll the page so this element (`#id`) is at the top. */
  scrollTo?: string;
}

export async function prepareWebview(options: PrepareOptions): Promise<string[]> {
  const problems: string[] = [];
  const byId = (root: ParentNode, id: string) => root.querySelector(`[id="${CSS.escape(id)}"]`);

  // scroll-view: scroll-into-view brings a child to the start; scroll-top / scroll-left are px.
  for (const view of Array.from(document.querySelectorAll('wx-scroll-view'))) {
    const target = view.getAttribute('scroll-into-view');
    const child = target ? byId(view, target) : null;
    if (child) {
      const box = view.getBoundingClientRect();
      const at = child.getBoundingClientRect();
      view.scrollTop += at.top - box.top;
      view.scrollLeft += at.left - box.left;
    }
    const top = Number(view.getAttribute('scroll-top'));
    if (top) view.scrollTop = top;
    const left = Number(view.getAttribute('scroll-left'));
    if (left) view.scrollLeft = left;
  }

  // A playing <video>: the frame at its time, decoded by Chromium from the host's signed link.
  for (const video of Array.from(document.querySelectorAll('video[data-shots-time]'))) {
    const element = video as HTMLVideoElement;
    const time = Number(element.dataset.shotsTime);
    const done = new Promise<void>((resolve) => {
      const fail = () => {
        problems.push(
          `video frame at ${time}s not decoded (${element.error?.message ?? 'timeout'})`,
        );
        resolve();
      };
      const timer = setTimeout(fail, 8000);
      element.addEventListener('error', () => {
        clearTimeout(timer);
        fail();
      });
      element.addEventListener('seeked', () => {
        clearTimeout(timer);
        resolve();
      });
      const seek = () => {
        element.currentTime = time;
      };
      if (element.readyState >= 1) seek();
      else element.addEventListener('loadedmetadata', seek, { once: true });
    });
    await done;
  }

  await document.fonts.ready;
  if (options.scrollTo) {
    const target = document.querySelector(options.scrollTo);
    if (target) window.scrollTo(0, target.getBoundingClientRect().top + window.scrollY);
    else problems.push(`nothing to scroll to: ${options.scrollTo}`);
  }
  // Two frames, so layout, decoded images and the video frame are on screen.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return problems;
}
