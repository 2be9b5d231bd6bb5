// The original agent-browser 0.19.0 Rust CLI, run command by command against this project's daemon.
import { defineCompatSuite } from './suite.js';

defineCompatSuite('0.19.0');
