// Cucumber runs the compiled step definitions (features/dist) against the live gateway and network.
export default {
  paths: ['features/**/*.feature'],
  require: ['features/dist/support/**/*.js', 'features/dist/step-definitions/**/*.js'],
  format: ['progress-bar', 'summary', 'json:reports/cucumber.json'],
  strict: true,
};
