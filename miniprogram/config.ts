// Where the mini program finds its backend. An empty `cloudEnv` means the local host (the
// default for WeChat DevTools); set a CloudBase environment id to call cloud functions instead.
export interface AppConfig {
  cloudEnv: string;
  localBaseUrl: string;
  /** Gallery Wi-Fi is weak: give up and say so rather than spin forever. */
  timeoutMs: number;
  /**
   * The one-off subscribe-message template for live reminders (公众平台 → 订阅消息, a
   * 直播开始提醒 template), the same id as REMINDER_TEMPLATE_ID on the reminders function. Empty
   * in development: 提醒我 still records the wish and says no message will be pushed.
   */
  reminderTemplateId?: string;
}

export const config: AppConfig = {
  cloudEnv: '',
  localBaseUrl: 'http://127.0.0.1:3000',
  timeoutMs: 10000,
  reminderTemplateId: '',
};
