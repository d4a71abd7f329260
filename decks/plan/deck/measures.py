"""The deck's layout measures: every distance, size and proportion the planner (decks.plan.deck.planner) and its
layouts (decks.plan.deck.layouts) are designed with, named in one place, so a design change is one edit here and
the code reads as arithmetic on names.

Distances are in points (a 16:9 slide is 960 x 540); `*_SCALE` values multiply one of the theme's type sizes
(decks.themes.model.SlideSizes); `*_SPACE` values are the space above a paragraph, in ems of its size; fractions
are of the box named. Whole numbers stay `int`: the plan keeps them as given and prints them so in its JSON.
"""

from __future__ import annotations

# -- Type: how large text is set, relative to the theme's sizes ----------------------------------------------------

CEILING = 1.3  # a slide with little text sets it up to this many times the theme's body size
NEAR = 0.85  # a list may be set this much smaller than the deck's body size before it continues on another slide
COVER_SCALE = 1.3  # the title slide's title, of the theme's title size
COVER_SPARSE_SCALE = 1.6  # ... when nothing but a line or two is under it (no presenter, no dates)
COVER_SPARSE_SUB_SCALE = 1.5  # the title slide's lines under the title then, of the subtitle size
BIG_TITLE_SCALE = 1.2  # a section slide's and the closing slide's title
STATEMENT_TITLE_SCALE = 1.5  # an item with only a title, shown as a statement
STATEMENT_SCALE = 1.1  # a statement's summary, of the title size
LEAD_SCALE = 1.25  # a sidebar's lead (the summary on the panel), of the subtitle size
FIGURE_SCALE = 2.4  # a fact's figure, of the title size
SUB_SCALE = 0.6  # what follows a statement or a quote (a takeaway, who said it), of its own size
QUOTE_SUMMARY_SCALE = 0.5  # a quote slide's summary, of the quote's size
FIGURE_LABEL_SCALE = 0.3  # the label under a fact's figure, of the figure's size

# -- Space above a paragraph, in ems -------------------------------------------------------------------------------

LIST_SPACE = 0.35  # a list after its summary, a timeline's first item, a group of links after the one before
ITEM_SPACE = 0.25  # a timeline's later items
PART_SPACE = 0.4  # a day's heading over its list; a section's intro under its date and count
BLOCK_SPACE = 0.6  # a new block: the presenter, "Slides and notes", a statement's takeaway
QUOTE_SPACE = 0.5  # a quote after a list; who said it, under the quote
QUOTE_SUMMARY_SPACE = 0.8  # a quote slide's summary under who said it
FIGURE_LABEL_SPACE = 0.1  # the label under a fact's figure
POINT_SPACE = 0.3  # a two-columns takeaway's first sub-point under its heading
NEXT_POINT_SPACE = 0.15  # ... and the sub-points after it
BAND_LIST_SPACE = 0.2  # the takeaways after the summary, in a full-picture slide's band

# -- Slide chrome: margins, footer, accent shapes ------------------------------------------------------------------

MARGIN = 48  # recap's own boxes (footer, a full picture's band) from the slide's left and right edges
FOOTER_RISE = 34  # the footer line's top, above the slide's bottom edge
NUMBER_W = 80  # the slide number's box
FOOTER_GAP = 24  # between the event line and the slide number
FOOTER_PAD = 2  # added to the footer boxes' one line, so a client's rounding never clips it
LINKS_GAP = 10  # between an item's body and the links line at its foot
BAR_W = 12  # the accent bar along the slide's left edge
TITLE_RULE_GAP, TITLE_RULE_W, TITLE_RULE_H = 6, 72, 4  # the short rule under a slide's title
SECTION_RULE_GAP, SECTION_RULE_W, SECTION_RULE_H = 4, 96, 6  # the rule under a section slide's title
COVER_RULE_W, COVER_RULE_H = 120, 6  # the rule under a plain title slide's title; the band's rule is as high
TITLE_ICON = 56.0  # an item's icon at its title's end (at most the title box's height)
TITLE_ICON_GAP = 16  # between the title and that icon
CREDIT_GAP = 6  # between a picture and its credit
BODY_SIZE_INSET = 72  # the deck's body size is chosen in boxes this much narrower than the body: lists keep room

# -- Columns, cards and panels -------------------------------------------------------------------------------------

COLUMN_GAP = 24.0  # between a list's two columns
GAP = 24.0  # between columns and cards of the item layouts
PAD = 18.0  # inside a card
CARD_MIN = 0.6  # a card at least this fraction of its width high, so it still reads as a card
CARD_SLACK = 4  # added under a card's text
CARD_STROKE = 1.25  # an outlined card's line (themes without fills)
PANEL_W = 0.36  # a sidebar's panel, of the body's width
SIDE_GAP = 8  # added to `GAP` between a panel (or a fact's figure) and the text beside it
STATEMENT_INSET = 0.06  # a statement's box, inset from each side of the body by this fraction of its width
LEAD_SHARE = 3  # a lead line over two columns or cards: at most 1/LEAD_SHARE of the body's height
LEAD_GAP = 16  # under that lead line
COLUMN_RULE = 14  # a two-columns takeaway's rule: the space it takes above the column
COLUMN_RULE_W, COLUMN_RULE_H = 56, 5  # ... and its size
CARD_ICON = 40.0  # a card's icon
CARD_ICON_GAP = 14  # between a card's icon and its text
NUMBER = 44.0  # a numbered card's number, at most 1/NUMBER_SHARE of the card's height
NUMBER_SHARE = 3
NUMBER_GAP = 6  # between a numbered card's number and its text

# -- Item layouts ----------------------------------------------------------------------------------------------------

QUOTE_MARK = 64.0  # a quote slide's quotation mark, at most 1/QUOTE_MARK_SHARE of the body's height
QUOTE_MARK_SHARE = 4
QUOTE_MARK_DROP = 8  # its top below the body's
FIGURE_W = 0.4  # a fact's figure column, of the body's width
LONE_FIGURE_INSET = 0.1  # a fact with nothing else: its figure's box inset from each side by this fraction
FIGURE_RULE_GAP, FIGURE_RULE_W, FIGURE_RULE_INSET = 4, 3, 12  # the rule right of a figure, inset top and bottom
BAND = 180.0  # a full-picture slide's band at the foot, at most `BAND_MAX` of the slide's height
BAND_MAX = 0.34
BAND_TITLE_DROP = 28  # the title's box below the band's top
BAND_TITLE_H = 54  # ... its height
BAND_BODY_GAP = 4  # between it and the summary's box
BAND_FOOT = 40  # left free at the band's foot (the footer's place)
BAND_RULE_H = 5  # the accent rule along the band's top
BAND_CREDIT_DROP = 7  # the credit's box below the band's top (right under the picture)
TIMELINE_DOT = 14.0  # a timeline's dot per day
TIMELINE_DROP = 16  # between the dots and the columns under them
TIMELINE_RULE_H = 3  # the rule through the dots
# A spotlight, for a sparse item: the item's icon large on a panel at the body's right, from the title's top to the
# body's foot (the widest of `SPOT_W`, of the body's width, that leaves the text room beside it), the icon
# `SPOT_ICON` of the panel's narrower side; the text beside it centred in the body's height. An item is sparse
# when its list, set as a bullets slide would set it, fills less than `SPARSE` of the body's height: about the
# share of the body's width the text keeps beside the narrower panel, so a list that sparse still fits there at
# about its size, and a list slide that sparse leaves over 40% of it bare.
SPARSE = 0.6
SPOT_W = (0.45, 0.34)
SPOT_ICON = 0.5
SPOT_ROOM = 0.85  # the spotlight's text at most this share of its column's height: room above and below
QR_AREA = 0.6  # the closing slide's QR codes: in the body right of this fraction of its width
QR = 132.0  # a QR code's side, at most
QR_GAP = 16  # between QR codes
QR_CAPTION_GAP = 4  # between a QR code and its caption
QR_CAPTION_LINES = 2.6  # a caption's box, in lines of the small size
QR_CAPTION_LOW = 0.8  # a caption may shrink to this fraction of the small size
QR_CAPTION_ROOM = 3  # lines of the small size a code leaves free under it in the body's height
QR_TEXT_GAP = 24  # between the closing text and the QR codes

# -- Choices between arrangements --------------------------------------------------------------------------------

# A list that takes two slides goes in two columns on one when they set it at least this fraction of its size.
COLUMNS_SAVE = 0.9
# Two columns are chosen over one only when they set the text this many times larger, breaking at most
# `COLUMNS_LINES` lines per paragraph (a list of short lines, not of sentences).
COLUMNS_GAIN = 1.1
COLUMNS_LINES = 1.5
# Two columns are cut at a group's heading when that leaves the taller column at most this many times the
# tallest of the most even cut.
HEADING_CUT = 1.15
