'use strict';
/**
 * Preloaded into the mock's child process (`node -r ./exit-with-parent.js tavus-mock.js …`) by the
 * benchmark: the child exits as soon as its stdin (a pipe from the bench) closes, so the mock never
 * outlives the bench, even when the bench process is killed without running its clean-up.
 */
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
