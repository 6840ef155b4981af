package dev.statekeeper.mcp;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one argument of a tool: a component of the tool's arguments record. The description goes into
 * the tool's input schema; a required argument that is missing is refused naming it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
@interface Arg {
    String value();

    boolean required() default false;
}
