import fc from 'fast-check';

// CI runs with one fixed seed, so a landing is reproducible and a red run means a change, not luck.
// Local runs draw a new seed every time and keep exploring; a failure prints its seed and the
// shrunk counter-example, which then becomes a regression test.
if (process.env.CI) fc.configureGlobal({ seed: 20261124 });
