package io.h2rec.serving.model;

import io.h2rec.domain.model.ServingModel;

/** CDI event: {@code now} has just become the served model (fired after the swap, on the loading thread). */
public record ModelSwapped(ServingModel now) {
}
