import { definePlugin } from 'agent-browser';

export default definePlugin({ name: 'domain-guard', apply() {} });
