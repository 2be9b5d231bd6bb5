import { definePlugin } from 'agent-browser';

export default definePlugin({ name: 'redactor', apply() {} });
