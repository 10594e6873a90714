/** `domainEvents` -> `DomainEvents`: construct ids and output names from manifest logical names. */
export const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
