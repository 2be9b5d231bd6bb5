import { definePlugin } from 'agent-browser';

export default definePlugin({ name: 'reader', apply() {} });
