import { definePlugin } from '../host/define.js';

export default definePlugin({
  name: 'agent-browser:state',
  apply() {},
});
