/**
 * Errors that end a command with a given exit code and a French message for the user.
 * 1: rejected data, 2: usage, 3: environment (database unreachable, data folder locked or unwritable).
 */
export class UserFacingError extends Error {
	constructor(
		message: string,
		readonly exitCode: 1 | 2 | 3
	) {
		super(message);
		this.name = 'UserFacingError';
	}
}

/** The environment prevents running: unreachable database, locked or unwritable data folder. */
export class EnvironmentError extends UserFacingError {
	constructor(message: string) {
		super(message, 3);
		this.name = 'EnvironmentError';
	}
}

/** Data that the user supplied was refused. */
export class RejectedDataError extends UserFacingError {
	constructor(message: string) {
		super(message, 1);
		this.name = 'RejectedDataError';
	}
}
