// miniprogram-compiler ships no typings; these are the two calls this project makes.
declare module 'miniprogram-compiler' {
  export function wxmlToJs(rootPath: string, options?: Record<string, unknown>): string;
  export function wxssToJs(rootPath: string, options?: Record<string, unknown>): string;
}
