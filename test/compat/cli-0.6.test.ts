// The original agent-browser 0.6.0 Rust CLI, run command by command against this project's daemon.
import { defineCompatSuite } from './suite.js';

defineCompatSuite('0.6.0');
