"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UserDirectory = exports.ROLES = void 0;
const node_fs_1 = require("node:fs");
const zod_1 = require("zod");
exports.ROLES = ['clinician', 'nurse', 'auditor'];
const userSchema = zod_1.z.object({
    username: zod_1.z.string().min(1),
    displayName: zod_1.z.string(),
    orgKey: zod_1.z.string(),
    mspId: zod_1.z.string(),
    role: zod_1.z.enum(exports.ROLES),
    hcode: zod_1.z.string().regex(/^\d{5}$/),
    passwordHash: zod_1.z.string().startsWith('scrypt:'),
});
const fileSchema = zod_1.z.object({ users: zod_1.z.array(userSchema) });
/** Staff accounts read from fixtures/users.json. */
class UserDirectory {
    #users;
    constructor(users) {
        this.#users = new Map(users.map((u) => [u.username, u]));
    }
    /** Loads and validates a users fixture file. */
    static fromFile(file) {
        const parsed = fileSchema.parse(JSON.parse((0, node_fs_1.readFileSync)(file, 'utf8')));
        return new UserDirectory(parsed.users);
    }
    find(username) {
        return this.#users.get(username);
    }
    all() {
        return [...this.#users.values()];
    }
}
exports.UserDirectory = UserDirectory;
//# sourceMappingURL=user-directory.js.map