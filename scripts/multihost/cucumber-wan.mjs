// Cucumber for the WAN-latency run: every feature by default, its own JSON report (not reports/cucumber.json).
import base from '../../features/cucumber.mjs';

export default { ...base, format: ['summary', 'json:reports/wan-cucumber.json'] };
