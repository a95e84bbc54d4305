// Cucumber runs the compiled step definitions (features/dist) against the live gateway and network.
export default {
  paths: ['features/**/*.feature'],
  require: ['features/dist/support/**/*.js', 'features/dist/step-definitions/**/*.js'],
  format: ['progress-bar', 'summary', `json:${process.env.CUCUMBER_JSON ?? 'reports/cucumber.json'}`],
  strict: true,
  // @org-add adds a 13th organisation to the channel and restarts the gateway: run on its own, last
  // (npm run org:add, then cucumber-js --config features/cucumber.mjs --tags @org-add)
  tags: process.env.CUCUMBER_TAGS ?? 'not @org-add',
};
