/** A problem the person running `npm run labels` can fix; its message is the whole sentence shown. */
export class LabelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabelError';
  }
}
