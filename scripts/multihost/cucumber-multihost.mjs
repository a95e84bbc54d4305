// Cucumber for the multi-host test: the project's step definitions, its own JSON report (not reports/cucumber.json).
import base from '../../features/cucumber.mjs';

export default { ...base, paths: [], format: ['summary', 'json:reports/multihost-cucumber.json'] };
