package io.h2rec.domain.archfixture;

/** Breaks rule 2c on purpose: a domain class below the use cases calling one. */
public class CallsAUseCase {
    public Object callBack() {
        return io.h2rec.domain.service.RunPlanService.class;
    }
}
