package dev.statekeeper.mcp;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one argument of a tool: a component of the tool's arguments record. The description and the bounds
 * go into the tool's input schema ({@code minimum}, {@code maximum}, {@code maxLength}, {@code enum}); a required
 * argument that is missing is refused naming it. The bounds are the domain's rules, which the store enforces: the
 * schema tells a client before it calls.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
@interface Arg {
    String value();

    boolean required() default false;

    /** The least value of a number; none when {@link Long#MIN_VALUE}. */
    long min() default Long.MIN_VALUE;

    /** The greatest value of a number; none when {@link Long#MAX_VALUE}. */
    long max() default Long.MAX_VALUE;

    /** The most characters of a text; none when 0. */
    int maxLength() default 0;

    /** A text that must be one of this enum's constant names; none when {@link None}. */
    Class<? extends Enum<?>> oneOf() default None.class;

    /** No closed set. */
    enum None { }
}
