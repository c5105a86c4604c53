// Where the mini program finds its backend. An empty `cloudEnv` means the local host (the
// default for WeChat DevTools); set a CloudBase environment id to call cloud functions instead.
export interface AppConfig {
  cloudEnv: string;
  localBaseUrl: string;
  /** Gallery Wi-Fi is weak: give up and say so rather than spin forever. */
  timeoutMs: number;
}

export const config: AppConfig = {
  cloudEnv: '',
  localBaseUrl: 'http://127.0.0.1:3000',
  timeoutMs: 10000,
};
