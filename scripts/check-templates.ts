// Compiles every WXML and WXSS file of the mini program with WeChat's official compilers (wcc/wcsc);
// a malformed template or style sheet fails here instead of in DevTools.
import path from 'path';
import { wxmlToJs, wxssToJs } from 'miniprogram-compiler';

const MINIPROGRAM = path.resolve(__dirname, '..', 'miniprogram');

try {
  const wxml = wxmlToJs(MINIPROGRAM);
  const wxss = wxssToJs(MINIPROGRAM);
  console.log(
    `WXML and WXSS compiled by the official compiler (${(wxml.length / 1024).toFixed(0)} KB + ${(
      wxss.length / 1024
    ).toFixed(0)} KB of output).`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
