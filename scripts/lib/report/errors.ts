/** A problem the person running `npm run report` can fix; its message is the whole sentence shown. */
export class ReportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportError';
  }
}
