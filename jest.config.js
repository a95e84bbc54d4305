// Jest projects for the TypeScript workspaces. Tests live beside the code as
// src/**/*.spec.ts and run through ts-jest with each workspace's tsconfig.
// Run one workspace with: npx jest --selectProjects chaincode
const fs = require('node:fs');
const path = require('node:path');

/** ts-jest project for `dir`; falls back to the base tsconfig until the workspace has its own. */
function tsProject(displayName, dir, extra = {}) {
    const rootDir = path.join(__dirname, dir);
    const ownTsconfig = path.join(rootDir, 'tsconfig.json');
    const tsconfig = fs.existsSync(ownTsconfig) ? ownTsconfig : path.join(__dirname, 'tsconfig.base.json');
    return {
        displayName,
        rootDir,
        testEnvironment: 'node',
        testMatch: ['<rootDir>/src/**/*.spec.ts'],
        moduleFileExtensions: ['ts', 'js', 'json'],
        modulePathIgnorePatterns: ['<rootDir>/dist/'],
        transform: {
            '^.+\\.ts$': ['ts-jest', { tsconfig }],
        },
        ...extra,
    };
}

/** @type {import('jest').Config} */
module.exports = {
    // gateway-api may have no tests yet; an empty project must not fail the run.
    passWithNoTests: true,
    projects: [
        // jest.setup.js quietens the fabric-contract-api decorator logging.
        tsProject('chaincode', 'chaincode', { setupFiles: ['<rootDir>/jest.setup.js'] }),
        tsProject('gateway-api', 'gateway-api'),
        // pure TypeScript helpers of the Angular client (its tsconfig uses module: preserve, which ts-jest cannot run)
        tsProject('web-client', 'web-client', {
            testMatch: ['<rootDir>/src/app/**/*.spec.ts'],
            transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: path.join(__dirname, 'web-client', 'tsconfig.spec.json') }] },
        }),
        // the process supervisor (plain Node ESM); its tests drive real child processes
        tsProject('supervisor', 'scripts/supervisor', { testMatch: ['<rootDir>/**/*.spec.ts'] }),
        // the per-hospital deployment bundle (docs/multihost.md)
        tsProject('multihost', 'scripts/multihost', { testMatch: ['<rootDir>/**/*.spec.ts'] }),
    ],
};
