import { initCloud } from './services/backend';

App({
  onLaunch() {
    initCloud();
  },
});
