// The audit module publishes nothing: other modules describe their changes through
// AuditContext (src/common/audit) and the global interceptor records them.
export {};
