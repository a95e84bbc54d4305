"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.validate = validate;
const api_error_1 = require("./api-error");
/** Parses `input` with `schema`; on failure throws VALIDATION_FAILED listing each bad field. */
function validate(schema, input) {
    const result = schema.safeParse(input);
    if (result.success)
        return result.data;
    const details = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    const first = details[0];
    throw new api_error_1.ApiError('VALIDATION_FAILED', first ? `${first.path || 'body'}: ${first.message}` : 'invalid request', details);
}
//# sourceMappingURL=validate.js.map