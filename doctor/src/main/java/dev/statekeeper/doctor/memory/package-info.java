/** The memory backend's doctor: there is nothing outside the process to check. */
package dev.statekeeper.doctor.memory;
