/** The agent's version, reported in inventory and at enrolment. */
export const AGENT_VERSION = '0.1.0';
