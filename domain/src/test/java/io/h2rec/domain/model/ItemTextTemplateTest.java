package io.h2rec.domain.model;

import io.h2rec.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ItemTextTemplateTest {

    @Test
    void dropsSegmentsWithoutTextAndDecodesEntities() {
        Item beauty = new Item(ItemId.of("1"), Map.of("title", "Tom &amp; Jerry&#39;s  Gel",
                "categories", "Beauty, Hair"));
        assertEquals("Tom & Jerry's Gel. Categories: Beauty, Hair", ItemTextTemplate.DEFAULT.render(beauty));

        Item full = new Item(ItemId.of("2"), Map.of("title", "Lipstick", "brand", "OPI", "description", "Red.",
                "year", "1995"));
        assertEquals("Lipstick. Brand: OPI. Year: 1995. Red.", ItemTextTemplate.DEFAULT.render(full));

        Item yelp = new Item(ItemId.of("3"), Map.of("name", "Sal's Pizza"));
        assertEquals("Sal's Pizza", ItemTextTemplate.DEFAULT.render(yelp));
        assertEquals("", ItemTextTemplate.DEFAULT.render(new Item(ItemId.of("4"), Map.of())));
    }

    @Test
    void customTemplatesAndTruncation() {
        ItemTextTemplate t = new ItemTextTemplate("{title} ({year})|{categories}", 20);
        Item m = new Item(ItemId.of("1"), Map.of("title", "Toy Story", "year", "1995", "categories", "Animation"));
        assertEquals("Toy Story (1995). An", t.render(m));
        assertThrows(InvalidInputException.class, () -> new ItemTextTemplate("no fields", 100));
        assertEquals("&bogus; < &#", ItemTextTemplate.decodeEntities("&bogus; &lt; &#"));
    }
}
